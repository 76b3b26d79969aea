print(bin(0), bin(10), bin(-10), hex(255), hex(-255), oct(8), oct(-8), bin(True))
print(hex(2**70), oct(2**40))
try:
    hex(1.5)
except TypeError as e:
    print(e)
