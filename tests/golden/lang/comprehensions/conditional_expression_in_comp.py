print(["even" if n % 2 == 0 else "odd" for n in range(4)])
print({n: ("big" if n > 1 else "small") for n in range(3)})
