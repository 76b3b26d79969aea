# str.istitle: uppercase/titlecase only after uncased characters, lowercase only after cased ones.
for s in ['', 'Hello World', 'Hello world', 'HELLO', 'hello', 'A', '1A', 'A1b', 'aB', '123',
          "They'Re", 'Title Case!', '\u01c5ungla', 'A \u01c4', '\u1f88\u03b1']:
    print(repr(s), s.istitle())
