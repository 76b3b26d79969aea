s = "abc"
print(s[0])
print(s[10])
