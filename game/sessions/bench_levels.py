"""Generated levels for the benchmarks: a square school of any size, and a campus of many buildings."""

from __future__ import annotations

CAMPUS_BUILDING = (50, 40)
"""Width and height of one generated campus building, walls included."""


def generated_level_yaml(size: int, civilians: int) -> str:
    """A square school of `size` tiles: rows of classrooms along corridors, a suspect, students."""
    rows = []
    for y in range(size):
        if y == 0 or y == size - 1:
            rows.append("#" * size)
            continue
        band = y % 10
        if band in (4, 5):
            rows.append("#" + "." * (size - 2) + "#")
        elif band in (3, 6):
            row = ["#"] * size
            for x in range(5, size - 1, 10):
                row[x] = "D"
            rows.append("".join(row))
        else:
            row = ["."] * size
            row[0] = row[-1] = "#"
            for x in range(10, size - 1, 10):
                row[x] = "="
            rows.append("".join(row))
    rows[4] = "/" + rows[4][1:]
    body = "\n".join("        " + r for r in rows)
    last = size - 2
    return f"""id: generated_{size}
title: "Generated {size} by {size}"
briefing: "A generated school for benchmarks."
duration: "60:00"
map:
  floors:
    - name: Ground floor
      rows: |
{body}
zones:
  - {{id: exit, name: "West doors", kind: exit, area: [0, 4, 0, 4]}}
  - {{id: school, name: "School", kind: corridor, area: [1, 1, {last}, {last}]}}
trainee:
  spawn: {{at: [1, 4]}}
suspects:
  - id: suspect
    spawn: {{at: [{last}, 4]}}
    description: {{sex: male, clothing: "black hoodie"}}
    route: [school]
    first_shot: "0:01"
    fire_interval: 4
civilians:
  - {{id: students, spawn: {{zone: school}}, count: {civilians}, behaviour: {{shelter: 2, flee: 1, freeze: 1}}}}
"""


def generated_campus_yaml(width: int = 300, height: int = 200, civilians: int = 600) -> str:
    """A campus of classroom buildings on open ground with gates, students in every classroom and a
    suspect who walks from building to building for ten minutes."""
    bw, bh = CAMPUS_BUILDING
    grid = [[","] * width for _ in range(height)]
    origins = [
        (x, y)
        for y in range(10, height - bh - 5, bh + 20)
        for x in range(10, width - bw - 5, bw + 20)
    ]
    zones: list[str] = []
    rooms: list[str] = []
    halls: list[str] = []
    for number, (ox, oy) in enumerate(origins, start=1):
        halls.append(f"b{number}_hall")
        _building(grid, ox, oy)
        zones.append(
            f'  - {{id: b{number}_hall, name: "Building {number}, hallway", kind: corridor, '
            f"area: [{ox + 1}, {oy + 18}, {ox + bw - 2}, {oy + 21}]}}"
        )
        for side, (top, bottom) in enumerate(((1, 16), (23, bh - 2))):
            for room in range(5):
                left = ox + 1 + room * 10
                zone = f"b{number}_room{side * 5 + room + 1}"
                rooms.append(zone)
                zones.append(
                    f'  - {{id: {zone}, name: "Building {number}, room {side * 5 + room + 1}", '
                    f"kind: room, area: [{left}, {oy + top}, {left + 8}, {oy + bottom}]}}"
                )
    zones += [
        f'  - {{id: west_gate, name: "West gate", kind: exit, area: [0, 0, 0, {height - 1}]}}',
        f'  - {{id: east_gate, name: "East gate", kind: exit, area: [{width - 1}, 0, {width - 1}, {height - 1}]}}',
        '  - {id: staging, name: "Staging", kind: staging, area: [1, 1, 8, 8]}',
    ]
    per_room, extra = divmod(civilians, len(rooms))
    groups = [
        f"  - {{id: class_{i}, spawn: {{zone: {zone}}}, count: {per_room + (1 if i < extra else 0)}, "
        "behaviour: {shelter: 2, flee: 1, freeze: 1}}"
        for i, zone in enumerate(rooms)
        if per_room + (1 if i < extra else 0)
    ]
    route = []
    for i, hall in enumerate(halls[: max(1, len(halls) // 2)]):
        number = halls.index(hall) + 1
        route += [hall, f"b{number}_room{1 + (i * 3) % 10}", hall]
    body = "\n".join("        " + "".join(row) for row in grid)
    return f"""id: generated_campus
title: "Generated campus {width} by {height}"
briefing: "A generated campus of {len(origins)} buildings for benchmarks."
duration: "10:00"
map:
  floors:
    - name: Ground level
      rows: |
{body}
zones:
{chr(10).join(zones)}
trainee:
  spawn: {{at: [4, 4]}}
suspects:
  - id: suspect
    spawn: {{zone: {halls[0]}}}
    description: {{sex: male, clothing: "black hoodie"}}
    route: [{", ".join(route)}]
    first_shot: "0:05"
    fire_interval: 4
    accuracy: 0.3
civilians:
{chr(10).join(groups)}
"""


def _building(grid: list[list[str]], ox: int, oy: int) -> None:
    """Draw one building: ten classrooms either side of a hallway, doors at both ends."""
    bw, bh = CAMPUS_BUILDING
    for y in range(bh):
        for x in range(bw):
            edge = x in (0, bw - 1) or y in (0, bh - 1)
            wall = edge or (y in (17, 22)) or (x % 10 == 0 and not 17 < y < 22)
            tile = "#" if wall else "."
            if not wall and (y in (4, 8, 12, 27, 31, 35)) and x % 10 in (3, 6):
                tile = "%"
            grid[oy + y][ox + x] = tile
    for x in range(5, bw, 10):
        grid[oy + 17][ox + x] = "D"
        grid[oy + 22][ox + x] = "D"
    grid[oy + 19][ox] = "D"
    grid[oy + 20][ox + bw - 1] = "D"
