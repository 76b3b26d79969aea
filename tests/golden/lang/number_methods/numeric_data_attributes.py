# real, imag, numerator, denominator of ints and bools; real and imag of floats.
for x in [5, -3, 2**80, True, False]:
    print(repr(x), x.real, x.imag, x.numerator, x.denominator, type(x.real).__name__)
print((1.5).real, (1.5).imag, (-0.0).real, float('inf').imag)
n, f, big = 7, 2.5, 2**90
print(n.real is n, n.numerator is n, f.real is f, big.real is big, big.conjugate() is big)


class MyInt(int):
    pass


class MyFloat(float):
    pass


print(type(MyInt(4).real).__name__, type(MyInt(4).numerator).__name__, MyInt(4).denominator)
print(type(MyFloat(1.5).real).__name__, MyFloat(1.5).imag)
print(hasattr(1, 'real'), getattr(1.5, 'imag'), [x.real for x in (1, 2.5, True)])
for stmt in ['(1).real = 2', 'del (1.5).real', 'True.imag = 1', 'MyInt(1).numerator = 2', '(1.0).numerator']:
    try:
        exec(stmt)
    except AttributeError as e:
        print('AttributeError', e)
