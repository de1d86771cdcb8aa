package dev.rapport.crm.mail.internal;

import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

/**
 * The readable text of an HTML body, by jsoup: whitespace collapsed as a browser does, a line break
 * for {@code <br>} and around block elements, a blank line around paragraphs, headings, lists,
 * tables and quotes, list items as {@code - item}, {@code <pre>} kept as it is, scripts, styles and
 * the head dropped. Never fetches anything.
 */
final class HtmlText {
    private static final Set<String> SKIP =
            Set.of("head", "script", "style", "title", "template", "noscript", "object", "iframe", "svg");
    private static final Set<String> PARAGRAPH =
            Set.of("p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table", "ul", "ol", "dl", "hr");
    private static final Set<String> LINE = Set.of(
            "div",
            "li",
            "tr",
            "dt",
            "dd",
            "section",
            "article",
            "header",
            "footer",
            "nav",
            "address",
            "figure",
            "figcaption",
            "form",
            "fieldset",
            "main",
            "aside",
            "center",
            "caption",
            "details",
            "summary",
            "body");

    private HtmlText() {}

    static String toText(String html) {
        Document doc = Jsoup.parse(html);
        Out out = new Out();
        NodeTraversor.filter(
                new NodeFilter() {
                    @Override
                    public FilterResult head(Node node, int depth) {
                        if (node instanceof TextNode text) {
                            if (inPre(text)) {
                                out.raw(text.getWholeText());
                            } else {
                                out.collapsed(text.getWholeText());
                            }
                        } else if (node instanceof Element e) {
                            String tag = e.normalName();
                            if (SKIP.contains(tag)) {
                                return FilterResult.SKIP_ENTIRELY;
                            }
                            if (tag.equals("br")) {
                                out.br();
                            } else if (PARAGRAPH.contains(tag)) {
                                out.breakAtLeast(2);
                            } else if (LINE.contains(tag)) {
                                out.breakAtLeast(1);
                            } else if ((tag.equals("td") || tag.equals("th")) && e.elementSiblingIndex() > 0) {
                                out.space();
                            }
                            if (tag.equals("li")) {
                                out.word("- ");
                            }
                        }
                        return FilterResult.CONTINUE;
                    }

                    @Override
                    public FilterResult tail(Node node, int depth) {
                        if (node instanceof Element e) {
                            String tag = e.normalName();
                            if (PARAGRAPH.contains(tag)) {
                                out.breakAtLeast(2);
                            } else if (LINE.contains(tag)) {
                                out.breakAtLeast(1);
                            }
                        }
                        return FilterResult.CONTINUE;
                    }
                },
                doc);
        return out.toString();
    }

    private static boolean inPre(TextNode text) {
        for (Node n = text.parent(); n != null; n = n.parent()) {
            if (n instanceof Element e
                    && (e.normalName().equals("pre") || e.normalName().equals("textarea"))) {
                return true;
            }
        }
        return false;
    }

    /** Accumulates text; breaks and spaces are held back until text follows, so none trail. */
    private static final class Out {
        private final StringBuilder sb = new StringBuilder();
        private int pendingBreaks;
        private boolean pendingSpace;

        void collapsed(String text) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (Character.isWhitespace(c) || c == '\u00a0') {
                    pendingSpace = true;
                } else {
                    flush();
                    sb.append(c);
                }
            }
        }

        void raw(String text) {
            String t = text.replace("\r\n", "\n").replace('\r', '\n');
            if (t.isEmpty()) {
                return;
            }
            flush();
            sb.append(t);
        }

        void word(String text) {
            flush();
            sb.append(text);
        }

        void space() {
            pendingSpace = true;
        }

        void br() {
            pendingBreaks = Math.min(pendingBreaks + 1, 2);
            pendingSpace = false;
        }

        void breakAtLeast(int n) {
            pendingBreaks = Math.max(pendingBreaks, n);
            pendingSpace = false;
        }

        private void flush() {
            if (sb.length() == 0) {
                pendingBreaks = 0;
                pendingSpace = false;
                return;
            }
            if (pendingBreaks > 0) {
                int end = sb.length();
                while (end > 0 && sb.charAt(end - 1) == ' ') {
                    end--;
                }
                sb.setLength(end);
                int have = 0;
                for (int i = sb.length() - 1; i >= 0 && sb.charAt(i) == '\n'; i--) {
                    have++;
                }
                for (int i = have; i < pendingBreaks; i++) {
                    sb.append('\n');
                }
            } else if (pendingSpace && sb.charAt(sb.length() - 1) != '\n' && sb.charAt(sb.length() - 1) != ' ') {
                sb.append(' ');
            }
            pendingBreaks = 0;
            pendingSpace = false;
        }

        @Override
        public String toString() {
            return sb.toString().strip();
        }
    }
}
