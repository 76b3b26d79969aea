# A bank-queue simulation with a deterministic pseudo-random generator.
class LCG:
    def __init__(self, seed):
        self.state = seed

    def next(self, n):
        self.state = (self.state * 1103515245 + 12345) % (2 ** 31)
        return self.state % n

class Customer:
    count = 0

    def __init__(self, arrival, work):
        Customer.count += 1
        self.id = Customer.count
        self.arrival = arrival
        self.work = work

def simulate(tellers, minutes, seed):
    rng = LCG(seed)
    queue = []
    busy = [None] * tellers
    waits = []
    for t in range(minutes):
        if rng.next(10) < 4:
            queue.append(Customer(t, 1 + rng.next(6)))
        for i in range(tellers):
            c = busy[i]
            if c is not None:
                c.work -= 1
                if c.work == 0:
                    busy[i] = None
            if busy[i] is None and queue:
                c = queue.pop(0)
                waits.append(t - c.arrival)
                busy[i] = c
    return waits, len(queue)

for tellers in (1, 2, 3):
    Customer.count = 0
    waits, left = simulate(tellers, 480, 42)
    avg = sum(waits) / len(waits)
    print(f"{tellers} teller(s): served {len(waits)}, average wait {avg:.2f}, longest {max(waits)}, still queued {left}")
