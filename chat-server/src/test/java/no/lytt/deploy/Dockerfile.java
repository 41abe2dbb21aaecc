package no.lytt.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A Dockerfile read as its instructions (continuations joined, comments dropped), for static checks. */
record Dockerfile(List<String> instructions) {

  static Dockerfile read(Path path) throws IOException {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String raw : Files.readAllLines(path)) {
      String line = raw.strip();
      if (line.startsWith("#") || (line.isEmpty() && current.length() == 0)) {
        continue;
      }
      if (line.endsWith("\\")) {
        current.append(line, 0, line.length() - 1).append(' ');
        continue;
      }
      current.append(line);
      if (current.length() > 0) {
        out.add(current.toString().strip());
      }
      current.setLength(0);
    }
    return new Dockerfile(List.copyOf(out));
  }

  /** Arguments of every instruction named {@code name}, in order. */
  List<String> all(String name) {
    return all(instructions, name);
  }

  /** The instructions from the last FROM on: what the published image is made of. */
  List<String> lastStage() {
    int start = 0;
    for (int i = 0; i < instructions.size(); i++) {
      if (instructions.get(i).startsWith("FROM ")) {
        start = i;
      }
    }
    return instructions.subList(start, instructions.size());
  }

  static List<String> all(List<String> lines, String name) {
    return lines.stream().filter(l -> l.startsWith(name + " ")).map(l -> l.substring(name.length() + 1).strip()).toList();
  }

  static String last(List<String> lines, String name) {
    List<String> found = all(lines, name);
    return found.isEmpty() ? null : found.get(found.size() - 1);
  }
}
