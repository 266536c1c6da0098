package org.campops.testing.fakediscord;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One HTTP request that JDA sent to the {@link FakeDiscord} REST server.
 *
 * @param method  HTTP method, upper case ({@code GET}, {@code POST}, ...)
 * @param path    path relative to the API base, e.g. {@code /channels/123/messages} (the {@code /api/v10} prefix is
 *                stripped; requests outside it keep their full path)
 * @param query   raw query string without {@code ?}, or {@code ""}
 * @param headers request headers; the map is case-insensitive (first value of each header)
 * @param body    request body decoded as UTF-8 ({@code ""} when empty). Binary file parts of multipart bodies are
 *                not byte-exact after decoding.
 */
public record RecordedRequest(String method, String path, String query, Map<String, String> headers, String body) {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?");
    private static final Pattern DISPOSITION_NAME = Pattern.compile("\\bname=\"([^\"]*)\"");
    private static final Pattern DISPOSITION_FILENAME = Pattern.compile("\\bfilename=\"([^\"]*)\"");

    /** One part of a {@code multipart/form-data} body. {@code filename} and {@code contentType} may be null. */
    public record Part(String name, String filename, String contentType, String content) {}

    /** Header value (case-insensitive name) or null. */
    public String header(String name) {
        return headers.get(name);
    }

    public boolean isMultipart() {
        String type = header("Content-Type");
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/");
    }

    /** {@code path} plus {@code ?query} when there is one. */
    public String pathAndQuery() {
        return query.isEmpty() ? path : path + "?" + query;
    }

    /**
     * The JSON payload of the request: the body itself for JSON requests, the {@code payload_json} part for
     * multipart requests, {@link MissingNode} when there is no body.
     */
    public JsonNode jsonBody() {
        String json = body;
        if (isMultipart()) {
            json = parts().stream()
                    .filter(p -> "payload_json".equals(p.name()))
                    .map(Part::content)
                    .findFirst()
                    .orElse("");
        }
        if (json == null || json.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Request body is not JSON: " + method + " " + path + ": " + json, e);
        }
    }

    /** Parts of a multipart body (empty list for other bodies). */
    public List<Part> parts() {
        if (!isMultipart()) {
            return List.of();
        }
        Matcher bm = BOUNDARY.matcher(header("Content-Type"));
        if (!bm.find()) {
            return List.of();
        }
        String delimiter = "--" + bm.group(1);
        List<Part> parts = new ArrayList<>();
        int pos = body.indexOf(delimiter);
        while (pos >= 0) {
            int start = pos + delimiter.length();
            if (body.startsWith("--", start)) {
                break; // closing delimiter
            }
            int next = body.indexOf(delimiter, start);
            if (next < 0) {
                break;
            }
            String raw = body.substring(start, next);
            if (raw.startsWith("\r\n")) {
                raw = raw.substring(2);
            }
            if (raw.endsWith("\r\n")) {
                raw = raw.substring(0, raw.length() - 2);
            }
            int split = raw.indexOf("\r\n\r\n");
            String head = split >= 0 ? raw.substring(0, split) : "";
            String content = split >= 0 ? raw.substring(split + 4) : raw;
            String name = null;
            String filename = null;
            String contentType = null;
            for (String line : head.split("\r\n")) {
                String lower = line.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-disposition:")) {
                    Matcher n = DISPOSITION_NAME.matcher(line);
                    if (n.find()) {
                        name = n.group(1);
                    }
                    Matcher f = DISPOSITION_FILENAME.matcher(line);
                    if (f.find()) {
                        filename = f.group(1);
                    }
                } else if (lower.startsWith("content-type:")) {
                    contentType = line.substring("content-type:".length()).trim();
                }
            }
            parts.add(new Part(name, filename, contentType, content));
            pos = next;
        }
        return parts;
    }

    /** The file parts of a multipart body (parts that have a filename). */
    public List<Part> files() {
        return parts().stream().filter(p -> p.filename() != null).toList();
    }

    @Override
    public String toString() {
        return method + " " + pathAndQuery() + (body.isEmpty() ? "" : " " + abbreviate(body));
    }

    private static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }
}
