a = "hel"
b = a + "lo"
c = "hello"
print(b == c)
print(b != c)
print(len(b))
print(b[1:] == "ello")
