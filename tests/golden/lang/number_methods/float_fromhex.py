# float.fromhex(s): the inverse of float.hex, rounding half to even; a class method.
cases = [
    '0x1.8p0', '0x1.8000000000000p+0', '  -0x1p-1074  ', '\t0x1\n', '0X1P3', '+0x10', '1.5', '0x.8',
    '0x1.', '-0x0p0', 'inf', '-Infinity', 'nan', '0x1p-1075', '0x1.8p-1075', '0x3p-1076',
    '0x1.00000000000008p0', '0x1.00000000000018p0', '0x1.0000000000000800000000001p0',
    '0x0.00000000000008p-1022', '0x0.00000000000018p-1022', '0x1.fffffffffffff8p-1023',
    '0x1.fffffffffffffp1023', '0x1.fffffffffffff7ffp1023', '0x' + '0' * 400 + '1p0',
    '0x1p-99999999999999999999', '0x0p99999999999999999999', '0x123456789abcdef0123456789p-100',
    '0x1p1024', '0x1.fffffffffffff8p1023', '0x1p99999999999999999999',
    '', '0x', '0x.p1', '0xp1', '0x1p', '0x1p+', '0x1g', '0x1_0', 'infinit', '+-0x1', '0x1 p1', '\xa00x1',
    'nan(1)',
]
for s in cases:
    try:
        print(repr(s), float.fromhex(s))
    except (ValueError, OverflowError) as e:
        print(repr(s), type(e).__name__, e)


class Meters(float):
    def __repr__(self):
        return 'Meters(%r)' % float(self)


print(Meters.fromhex('0x1p1'), (1.5).fromhex('0x1p-1'))
for call in [lambda: float.fromhex(1), lambda: float.fromhex(), lambda: float.fromhex('1', '2')]:
    try:
        call()
    except TypeError as e:
        print('TypeError', e)
