# spectral_norm: largest singular value of the infinite matrix
# A[i][j] = 1 / ((i + j) * (i + j + 1) / 2 + i + 1), truncated to n x n,
# by power iteration on A^T A.
# Stresses: small-int arithmetic in a tiny hot function (calls), int/float
# mixing, float allocation, list indexing (PERFORMANCE.md 1.1).


def eval_a(i, j):
    ij = i + j
    return 1.0 / (ij * (ij + 1) // 2 + i + 1)


def mul_av(v, out, n):
    # out = A v
    for i in range(n):
        s = 0.0
        for j in range(n):
            s += eval_a(i, j) * v[j]
        out[i] = s


def mul_atv(v, out, n):
    # out = A^T v
    for i in range(n):
        s = 0.0
        for j in range(n):
            s += eval_a(j, i) * v[j]
        out[i] = s


def mul_atav(v, out, tmp, n):
    mul_av(v, tmp, n)
    mul_atv(tmp, out, n)


def spectral_norm(n, rounds=10):
    u = [1.0] * n
    v = [0.0] * n
    tmp = [0.0] * n
    for r in range(rounds):
        mul_atav(u, v, tmp, n)
        mul_atav(v, u, tmp, n)
    vbv = 0.0
    vv = 0.0
    for i in range(n):
        vbv += u[i] * v[i]
        vv += v[i] * v[i]
    return (vbv / vv) ** 0.5


N = 400
# scaled to an int so the output does not depend on float repr details
print(int(spectral_norm(N) * 1000000000.0))
