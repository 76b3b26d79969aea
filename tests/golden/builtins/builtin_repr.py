print(len)
print(print)
print(repr(abs))
