for s in ['123', 'abc', 'ab1', ' \t\n', 'ABC', 'abc', 'Ab', '', '_x1', '1x', '½', 'é']:
    print(repr(s), s.isdigit(), s.isdecimal(), s.isnumeric(), s.isalpha(), s.isalnum(), s.isspace(), s.isupper(), s.islower(), s.isidentifier(), s.isascii())
