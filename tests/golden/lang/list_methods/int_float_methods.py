print((0).bit_length(), (255).bit_length(), (-256).bit_length(), (2**100).bit_length(), True.bit_length(), (5).conjugate())
print((2.0).is_integer(), (2.5).is_integer(), (0.75).as_integer_ratio(), (-2.5).as_integer_ratio(), (3.0).as_integer_ratio())
try:
    (1).bit_length(1)
except TypeError as e:
    print(e)
