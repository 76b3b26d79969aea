limit = 100
is_prime = [True] * (limit + 1)
is_prime[0] = False
is_prime[1] = False
p = 2
while p * p <= limit:
    if is_prime[p]:
        m = p * p
        while m <= limit:
            is_prime[m] = False
            m += p
    p += 1
primes = []
for k in range(limit + 1):
    if is_prime[k]:
        primes.append(k)
print(primes)
print(len(primes))
