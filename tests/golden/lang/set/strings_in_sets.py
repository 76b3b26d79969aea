s = {'pear', 'apple', 'fig', 'kiwi', 'plum', 'date'}
print(s)
print(sorted(s), 'fig' in s, len(s))
s.remove('fig')
print(s, set('hello'))
