empty_t = ()
empty_s = ''
print(tuple([]) is empty_t)
print(''.join([]) is empty_s)
print('abc'[5:] is empty_s)
print(str() is empty_s)
print(tuple() is empty_t)
