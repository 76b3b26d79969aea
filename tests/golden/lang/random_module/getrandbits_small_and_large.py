# Up to 32 bits take one word's top bits; more take 32-bit words, least
# significant first, the last one shifted.
import random
random.seed(8)
print([random.getrandbits(k) for k in (0, 1, 5, 31, 32)])
print(random.getrandbits(33), random.getrandbits(64), random.getrandbits(100))
print(random.getrandbits(1000).bit_length() <= 1000)
