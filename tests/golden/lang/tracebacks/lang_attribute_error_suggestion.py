class Robot:
    def __init__(self):
        self.position = 0
        self.speed = 1

r = Robot()
print(r.postion)
