print("héllo wörld")
print("日本語")
s = "naïve"
print(s[2])
print(s[::-1])
print(repr(s))
