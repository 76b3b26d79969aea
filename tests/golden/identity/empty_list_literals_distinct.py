print([] is [])
print([] == [])
a = []
b = []
print(a is b)
