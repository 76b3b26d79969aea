# Shortest paths in grid mazes with breadth-first search: a deque as the
# queue, namedtuple points, and the path drawn back onto the grid.
from collections import deque, namedtuple

Point = namedtuple("Point", "row col")
MOVES = {"N": Point(-1, 0), "E": Point(0, 1), "S": Point(1, 0), "W": Point(0, -1)}

MAZES = {
    "small": """
S.#.....
.##.###.
....#...
.##...#E
""",
    "winding": """
##########
#S...#...#
#.##.#.#.#
#.#..#.#.#
#.#.##.#.#
#...#..#.#
###.#.##.#
#.....#..#
#.###...E#
##########
""",
    "walled": """
S..#...
##.#.#.
...#.#E
""",
}


class Maze:
    def __init__(self, text):
        self.rows = [list(line) for line in text.strip().splitlines()]
        self.height = len(self.rows)
        self.width = len(self.rows[0])
        self.start = self.find("S")
        self.end = self.find("E")

    def find(self, mark):
        for r, row in enumerate(self.rows):
            if mark in row:
                return Point(r, row.index(mark))
        raise ValueError(f"maze has no {mark!r}")

    def open(self, p):
        return 0 <= p.row < self.height and 0 <= p.col < self.width and self.rows[p.row][p.col] != "#"

    def neighbours(self, p):
        for name, step in MOVES.items():
            q = Point(p.row + step.row, p.col + step.col)
            if self.open(q):
                yield name, q

    def solve(self):
        """Breadth-first search; returns (path of points, moves, cells explored)."""
        came_from = {self.start: None}
        queue = deque([self.start])
        while queue:
            here = queue.popleft()
            if here == self.end:
                break
            for name, nxt in self.neighbours(here):
                if nxt not in came_from:
                    came_from[nxt] = (here, name)
                    queue.append(nxt)
        if self.end not in came_from:
            return None, "", len(came_from)
        path, moves = deque(), deque()
        here = self.end
        while came_from[here] is not None:
            path.appendleft(here)
            here, name = came_from[here]
            moves.appendleft(name)
        path.appendleft(self.start)
        return list(path), "".join(moves), len(came_from)

    def draw(self, path):
        grid = [row[:] for row in self.rows]
        for p in path[1:-1]:
            grid[p.row][p.col] = "*"
        return "\n".join("".join(row) for row in grid)


def compress(moves):
    """Run-length encode a move string: NNEEE -> 2N3E."""
    out, run = [], deque(maxlen=1)
    count = 0
    for m in moves + " ":
        if run and run[0] == m:
            count += 1
            continue
        if run:
            out.append(f"{count}{run[0]}")
        run.append(m)
        count = 1
    return "".join(out)


for name, text in MAZES.items():
    maze = Maze(text)
    print(f"== {name}: {maze.width}x{maze.height}, start {tuple(maze.start)}, end {maze.end}")
    path, moves, explored = maze.solve()
    if path is None:
        print(f"no path (explored {explored} cells)")
        print(maze.draw([]))
        continue
    print(maze.draw(path))
    print(f"steps: {len(path) - 1}, explored: {explored}")
    print(f"moves: {moves} = {compress(moves)}")
    turns = sum(1 for a, b in zip(moves, moves[1:]) if a != b)
    print(f"turns: {turns}, first points: {path[:3]}")
    print()

try:
    Maze("...\n.#.\n..E")
except ValueError as e:
    print("bad maze:", e)
