print(str.upper('abc'), list(map(str.strip, [' a ', 'b '])), str.join(',', 'ab'))
for call in [lambda: str.upper(1), lambda: str.upper(), lambda: list.append(1, 2)]:
    try:
        call()
    except TypeError as e:
        print(e)
