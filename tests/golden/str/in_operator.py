s = "hello world"
print("ell" in s)
print("world" in s)
print("World" in s)
print("" in s)
print("x" not in s)
print("hello world!" in s)
