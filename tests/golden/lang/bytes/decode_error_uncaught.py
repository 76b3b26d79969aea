# An uncaught UnicodeDecodeError ends the program with its message.
data = b'valid \xff invalid'
print(data.decode('latin-1'))
print(data.decode('utf-8'))
