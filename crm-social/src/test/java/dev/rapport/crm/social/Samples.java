package dev.rapport.crm.social;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Test payloads and edits on them by the same JSON paths the parsers report. */
final class Samples {
    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern STEP = Pattern.compile("\\.?([A-Za-z_][A-Za-z0-9_]*)|\\[(\\d+)]");

    private Samples() {}

    static String text(String resource) {
        try (InputStream in = Objects.requireNonNull(Samples.class.getResourceAsStream(resource), resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode tree(String resource) {
        return JSON.readTree(text(resource));
    }

    /** @return the steps of a path such as {@code entry[0].messaging[1].sender.id} */
    static List<Object> steps(String path) {
        List<Object> steps = new ArrayList<>();
        Matcher m = STEP.matcher(path);
        int at = 0;
        while (at < path.length() && m.find(at) && m.start() == at) {
            steps.add(m.group(1) != null ? m.group(1) : (Object) Integer.parseInt(m.group(2)));
            at = m.end();
        }
        if (at != path.length()) {
            throw new IllegalArgumentException("bad path " + path);
        }
        return steps;
    }

    private static JsonNode parentOf(JsonNode root, List<Object> steps) {
        JsonNode node = root;
        for (Object step : steps.subList(0, steps.size() - 1)) {
            node = step instanceof Integer i ? node.get(i) : node.get((String) step);
            Objects.requireNonNull(node, "no node at step " + step);
        }
        return node;
    }

    /** @return a copy without the field at the path */
    static String without(JsonNode root, String path) {
        JsonNode copy = root.deepCopy();
        List<Object> steps = steps(path);
        JsonNode parent = parentOf(copy, steps);
        Object last = steps.get(steps.size() - 1);
        if (last instanceof Integer i) {
            ((ArrayNode) parent).remove(i);
        } else {
            if (!parent.has((String) last)) {
                throw new IllegalArgumentException("no field at " + path);
            }
            ((ObjectNode) parent).remove((String) last);
        }
        return JSON.writeValueAsString(copy);
    }

    /** @return a copy with the node at the path replaced */
    static String with(JsonNode root, String path, JsonNode value) {
        JsonNode copy = root.deepCopy();
        List<Object> steps = steps(path);
        JsonNode parent = parentOf(copy, steps);
        Object last = steps.get(steps.size() - 1);
        if (last instanceof Integer i) {
            ((ArrayNode) parent).set(i, value);
        } else {
            ((ObjectNode) parent).set((String) last, value);
        }
        return JSON.writeValueAsString(copy);
    }

    /** @return a copy with extra fields, of every JSON type, added to random objects of the tree */
    static String withUnknownFields(JsonNode root, Random random, int count) {
        JsonNode copy = root.deepCopy();
        List<ObjectNode> objects = new ArrayList<>();
        collect(copy, objects);
        for (int i = 0; i < count; i++) {
            ObjectNode target = objects.get(random.nextInt(objects.size()));
            target.set("zz_unknown_" + random.nextInt(1_000_000), randomValue(random, 0));
        }
        return JSON.writeValueAsString(copy);
    }

    private static void collect(JsonNode node, List<ObjectNode> objects) {
        if (node instanceof ObjectNode o) {
            objects.add(o);
            for (Map.Entry<String, JsonNode> e : List.copyOf(o.properties())) {
                collect(e.getValue(), objects);
            }
        } else if (node instanceof ArrayNode a) {
            for (JsonNode element : a) {
                collect(element, objects);
            }
        }
    }

    static JsonNode randomValue(Random random, int depth) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        return switch (random.nextInt(depth > 2 ? 6 : 8)) {
            case 0 -> f.stringNode("v" + random.nextInt() + " ✨ <b>&amp;</b>");
            case 1 -> f.numberNode(random.nextLong());
            case 2 -> f.numberNode(random.nextDouble() * 1e6);
            case 3 -> f.booleanNode(random.nextBoolean());
            case 4 -> f.nullNode();
            case 5 -> f.stringNode("");
            case 6 -> {
                ObjectNode o = f.objectNode();
                o.set("id", randomValue(random, depth + 1));
                o.set("text", randomValue(random, depth + 1));
                yield o;
            }
            default -> {
                ArrayNode a = f.arrayNode();
                a.add(randomValue(random, depth + 1));
                a.add(randomValue(random, depth + 1));
                yield a;
            }
        };
    }
}
