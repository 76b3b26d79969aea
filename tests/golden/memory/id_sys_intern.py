import sys
p = 'hel'
hello = 'hello'
a = sys.intern(p + 'lo world')
b = sys.intern(p + 'lo world')
print(a is b)
print(sys.intern(p + 'lo') is hello)
print((p + 'lo') is hello)
