s = "python"
print(s[0])
print(s[5])
print(s[-1])
print(s[-6])
print(s[len(s) - 1])
print(s[2] + s[3])
