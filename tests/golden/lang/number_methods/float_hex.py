# float.hex(): [-]0xh.hhhhhhhhhhhhhp+-d, subnormals with a leading 0.
for x in [1.5, 1.0, -0.1, 0.0, -0.0, 3.0, 1e308, 5e-324, -5e-324, 2.5e-310, 2.0 ** -1022, 2.0 ** -1023,
          float('inf'), float('-inf'), float('nan')]:
    print(repr(x), x.hex())
try:
    (1.5).hex(1)
except TypeError as e:
    print('TypeError', e)
