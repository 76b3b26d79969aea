a = "hello"
b = "hello"
print(a is b)
c = "hello_world_123"
d = "hello_world_123"
print(c is d)
