# int.to_bytes(length=1, byteorder='big', *, signed=False).
print((1024).to_bytes(2, 'big'), (1024).to_bytes(2, 'little'))
print((1).to_bytes(), (1).to_bytes(length=3), (5).to_bytes(byteorder='little'))
print((-1).to_bytes(1, 'big', signed=True), (-129).to_bytes(2, 'little', signed=True))
print((0).to_bytes(0), (2**100).to_bytes(13, 'little'), (-2**100).to_bytes(14, 'big', signed=True))
print(True.to_bytes(2, 'big'), (1).to_bytes(1, 'big', signed=1.5))
calls = [
    lambda: (1024).to_bytes(1, 'big'),
    lambda: (-1).to_bytes(1, 'big'),
    lambda: (128).to_bytes(1, 'big', signed=True),
    lambda: (-129).to_bytes(1, 'big', signed=True),
    lambda: (1).to_bytes(0),
    lambda: (1).to_bytes(2, 'middle'),
    lambda: (1).to_bytes(-1),
    lambda: (1).to_bytes(-1, 'middle'),
    lambda: (1).to_bytes(1.5),
    lambda: (1).to_bytes(1, 5),
    lambda: (1).to_bytes(1, 'big', True),
    lambda: (1).to_bytes(1, 'big', foo=1),
    lambda: (1).to_bytes(1, length=1),
    lambda: (1).to_bytes(2**70),
]
for call in calls:
    try:
        print(call())
    except Exception as e:
        print(type(e).__name__, e)
