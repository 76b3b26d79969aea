print(round(2.5), round(3.5), round(-0.5), round(-1.5), round(0.49999))
print(round(3.14159, 2), round(2.675, 2), round(1.25, 1), round(-1.25, 1), round(123.456, -1))
print(type(round(2.5)), type(round(2.5, 0)), round(2.5, 0))
