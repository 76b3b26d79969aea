# str.encode / bytes.decode with utf-8, ascii and latin-1 and the error handlers.
s = 'naïve café €'
data = s.encode()
print(data, len(s), len(data), data.decode() == s, data.decode('utf-8') == s)
print('abc'.encode('ascii'), 'é'.encode('latin-1'), b'\xe9'.decode('latin-1'), b'abc'.decode('ASCII'))
print('é€x'.encode('ascii', 'ignore'), 'é€x'.encode('ascii', 'replace'), 'é€x'.encode('latin-1', 'backslashreplace'))
print(b'a\xffb'.decode('utf-8', 'ignore'), b'a\xffb'.decode('utf-8', 'replace'), b'a\xffb'.decode('ascii', 'backslashreplace'))
print(str(b'caf\xc3\xa9', 'utf-8'), str(b'abc', encoding='ascii'), 'x'.encode(encoding='utf8', errors='strict'))
print(b''.decode('no-such-codec'), 'ok'.encode('UTF-8'), 'ok'.encode('latin1'), 'ok'.encode('us-ascii'))
