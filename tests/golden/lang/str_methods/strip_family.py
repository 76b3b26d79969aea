print(repr('  hi \n'.strip()), repr('xxhixx'.strip('x')), repr('  a '.lstrip()), repr('  a '.rstrip()))
print('abcba'.strip('ab'), 'www.example.com'.lstrip('w.'), 'a'.strip(None), repr(''.strip()))
try:
    'a'.strip(1)
except TypeError as e:
    print(e)
