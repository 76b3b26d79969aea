print('  a b \t c\n'.split(), ''.split(), '   '.split(), 'a b  c '.split(None, 1), '  a b c'.split(maxsplit=1))
print('  a b  c  '.rsplit(None, 1), 'a b c'.rsplit(maxsplit=0), ' a '.split(None, 0))
