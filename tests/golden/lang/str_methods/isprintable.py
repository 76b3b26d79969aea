# str.isprintable: no control, separator (other than space) or format characters.
for s in ['', 'abc', 'a b', 'tab\t', 'new\nline', '\x7f', '\xa0', 'caf\xe9', '\u2028', '\u00ad', '\u200b', '\U0001f600', '\ue000']:
    print(repr(s), s.isprintable())
