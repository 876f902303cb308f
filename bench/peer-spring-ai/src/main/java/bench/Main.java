package bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.springframework.ai.chat.memory.repository.jdbc.JdbcChatMemoryRepository;
import org.springframework.ai.chat.memory.repository.jdbc.PostgresChatMemoryRepositoryDialect;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Appends one message to a conversation of N messages with Spring AI's JdbcChatMemoryRepository, the way a
 * ChatMemory does it: findByConversationId, add one, saveAll (which deletes the conversation and inserts
 * all N+1 rows again). The N rows are generated with SQL first (like Parley's side of the benchmark).
 *
 * <p>Usage: Main JDBC_URL N1,N2,... ; prints one line per N: {@code N <n> iterations <k> p50_ms <x> mean_ms <y> max_ms <z>}.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        String url = args[0];
        long[] sizes = Arrays.stream(args[1].split(",")).mapToLong(Long::parseLong).toArray();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(System.getProperty("db.user", "postgres"));
        config.setMaximumPoolSize(2);
        try (HikariDataSource dataSource = new HikariDataSource(config)) {
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            // the repository's own PostgreSQL schema, as shipped in its jar
            jdbc.execute("DROP TABLE IF EXISTS spring_ai_chat_memory");
            for (String statement : schema().split(";")) {
                if (!statement.isBlank()) {
                    jdbc.execute(statement);
                }
            }
            JdbcChatMemoryRepository repository = JdbcChatMemoryRepository.builder()
                    .jdbcTemplate(jdbc)
                    .dialect(new PostgresChatMemoryRepositoryDialect())
                    .build();
            for (long n : sizes) {
                String conversation = "peer-" + n;
                jdbc.update("""
                        INSERT INTO spring_ai_chat_memory (conversation_id, content, type, "timestamp")
                        SELECT ?, 'generated message number ' || g || ' of a support conversation',
                               CASE WHEN g % 2 = 0 THEN 'ASSISTANT' ELSE 'USER' END,
                               now() - interval '1 day' + g * interval '1 millisecond'
                          FROM generate_series(1, ?) AS g""", conversation, n);
                jdbc.execute("ANALYZE spring_ai_chat_memory");
                int iterations = n >= 100_000 ? 5 : n >= 10_000 ? 10 : 40;
                // one warm-up append, not measured
                append(repository, conversation, -1);
                double[] millis = new double[iterations];
                for (int i = 0; i < iterations; i++) {
                    long start = System.nanoTime();
                    append(repository, conversation, i);
                    millis[i] = (System.nanoTime() - start) / 1e6;
                }
                double[] sorted = millis.clone();
                Arrays.sort(sorted);
                double mean = Arrays.stream(millis).average().orElse(0);
                System.out.printf(java.util.Locale.ROOT, "N %d iterations %d p50_ms %.2f mean_ms %.2f max_ms %.2f%n",
                        n, iterations, sorted[sorted.length / 2], mean, sorted[sorted.length - 1]);
            }
            jdbc.execute("DROP TABLE spring_ai_chat_memory");
        }
    }

    private static String schema() {
        try (var in = JdbcChatMemoryRepository.class.getResourceAsStream("schema-postgresql.sql")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void append(JdbcChatMemoryRepository repository, String conversation, int i) {
        List<Message> messages = new ArrayList<>(repository.findByConversationId(conversation));
        messages.add(new UserMessage("bench append " + i + " " + System.nanoTime()));
        repository.saveAll(conversation, messages);
    }
}
