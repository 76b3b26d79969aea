# oop_sim: a particle simulation with classes: attribute loads/stores, method
# calls, small-int and float arithmetic, a property and a special method.
class Vec:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def add(self, other):
        return Vec(self.x + other.x, self.y + other.y)

    def scale(self, k):
        return Vec(self.x * k, self.y * k)

    def __eq__(self, other):
        return self.x == other.x and self.y == other.y


class Particle:
    def __init__(self, i):
        self.pos = Vec(i % 17, i % 13)
        self.vel = Vec((i % 5) - 2, (i % 7) - 3)
        self.hits = 0

    @property
    def speed2(self):
        return self.vel.x * self.vel.x + self.vel.y * self.vel.y

    def step(self, width, height):
        p = self.pos.add(self.vel)
        if p.x < 0 or p.x >= width:
            self.vel = Vec(-self.vel.x, self.vel.y)
            self.hits += 1
        if p.y < 0 or p.y >= height:
            self.vel = Vec(self.vel.x, -self.vel.y)
            self.hits += 1
        self.pos = self.pos.add(self.vel)


def simulate(n, steps):
    particles = [Particle(i) for i in range(n)]
    for _ in range(steps):
        for p in particles:
            p.step(100, 80)
    hits = 0
    energy = 0
    for p in particles:
        hits += p.hits
        energy += p.speed2
    return hits, energy, particles[0].pos == Vec(particles[0].pos.x, particles[0].pos.y)


print(simulate(200, 6000))
