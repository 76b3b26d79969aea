s = "abc"
print(s[0] is s[0])
t = "xab"
print(s[1] is t[2])
print(s[2:] is s[2])
