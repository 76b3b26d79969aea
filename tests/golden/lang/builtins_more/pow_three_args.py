print(pow(2, 10), pow(2, 10, 1000), pow(3, 4, 5), pow(2, -1, 5), pow(7, -2, 13), pow(2, 0.5))
print(pow(-2, 3, 5), pow(2, 3, -5), pow(base=2, exp=5))
for args in [(2, 3, 0), (2.0, 3, 5), (2, -1, 4)]:
    try:
        print(pow(*args))
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
