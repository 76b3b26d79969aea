def classify(n):
    if n < 0:
        return "negative"
    elif n == 0:
        return "zero"
    elif n < 10:
        return "small"
    else:
        return "large"
print(classify(-3))
print(classify(0))
print(classify(7))
print(classify(100))
x = 5
if x > 3:
    print("x > 3")
if x > 10:
    print("never")
else:
    print("else branch")
