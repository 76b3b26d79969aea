# An uncaught UnicodeEncodeError for a character outside ASCII.
print('plain'.encode('ascii'))
print('héé'.encode('ascii'))
