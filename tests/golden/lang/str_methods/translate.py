# str.translate looks each ordinal up with table[ord(c)]: missing keeps, None deletes.
print('hello world'.translate(str.maketrans('lo', '01', ' ')))
print('abc'.translate({97: 'xy', 98: None, 99: 100}))
print('abc'.translate([None, 'q', 'r'] * 40))
print('abc'.translate({}))
print('caf\xe9 \u4e2d'.translate({0xe9: 'e', 0x4e2d: 0x6587}))
print('aXb'.translate({88: True}) == 'a\x01b')


class Loud(dict):
    def __getitem__(self, key):
        if key == ord('!'):
            raise IndexError(key)
        return chr(key).upper()


print('hi!'.translate(Loud()))
for table in [{97: 1.5}, {97: -1}, {97: 0x110000}, {97: 2**70}, {97: b'x'}, 5, None]:
    try:
        print('abc'.translate(table))
    except Exception as e:
        print(type(e).__name__, e)
for call in [lambda: 'a'.translate(), lambda: 'a'.translate({}, {})]:
    try:
        call()
    except TypeError as e:
        print('TypeError', e)
