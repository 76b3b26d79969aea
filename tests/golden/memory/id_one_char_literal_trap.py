import sys
a = 'a'
e_acute = '\xe9'
s = 'abc'
print(s[0] is a)
print(chr(97) is a)
print(sys.intern(chr(97)) is a)
print(chr(233) is e_acute)
