import math
for x in [0.0, 0.5, 1.0, math.pi / 6, math.pi / 4, math.pi / 2, math.pi, 2.0, -3.7, 1e10]:
    print(x, math.sin(x), math.cos(x), math.tan(x))
for x in [-1.0, -0.5, 0.0, 0.3, 1.0]:
    print(x, math.asin(x), math.acos(x), math.atan(x))
print(math.atan(math.inf), math.atan2(1, 1), math.atan2(0.0, -0.0), math.atan2(-0.0, -1), math.atan2(1, 0))
print(math.degrees(math.pi), math.radians(180), math.degrees(1), math.radians(45), math.degrees(1e308))
