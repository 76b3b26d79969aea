s = "abc"
e = ""
print(s[5:] is e)
print(s[1:1] is e)
print((s * 0) is e)
