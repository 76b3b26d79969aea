def risky(n):
    print("risky", n)
    return 10 // n
print(risky(5))
print(risky(0))
print("never printed")
