print(format(3.14159, '.2f'), format(42), format(42, '08b'), format('ab', '^6') + '|', format(1234567, ','))
print(format(0.5, '%'), format(-3, '+d'), format(255, 'x'))
try:
    format(1, 'q')
except ValueError as e:
    print(e)
