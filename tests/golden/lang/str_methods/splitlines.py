print('a\nb\r\nc\rd'.splitlines(), 'a\nb\n'.splitlines(), 'a\nb\n'.splitlines(True), ''.splitlines(), 'x\x0by\x0cz'.splitlines())
print('one\n\ntwo'.splitlines(keepends=True))
