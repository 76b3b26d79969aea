print(chr(97) is chr(97))
print(chr(255) is chr(255))
print(chr(256) is chr(256))
s = 'xaz'
print(s[1] is chr(97))
