// JdbcClient runs statements through the PostgreSQL JDBC driver (pgjdbc)
// and prints a transcript that the Go test compares with the in-process
// one: for each statement its column names and rows ("|" between
// values), or "ERROR <Snowflake number>" read from the error's Detail.
// Then it runs one prepared statement often enough that pgjdbc switches to
// a named server-side statement with binary transfer, and prints
// "PREPARED <value>".
//
// Usage: java -cp postgresql.jar JdbcClient.java URL USER PASSWORD < statements
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.postgresql.util.PSQLException;

public class JdbcClient {
    public static void main(String[] args) throws Exception {
        Properties props = new Properties();
        props.setProperty("user", args[1]);
        props.setProperty("password", args[2]);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, "UTF-8"));
        try (Connection conn = DriverManager.getConnection(args[0], props)) {
            String sql;
            while ((sql = in.readLine()) != null) {
                if (sql.isBlank()) {
                    continue;
                }
                try (Statement st = conn.createStatement()) {
                    if (st.execute(sql)) {
                        print(st.getResultSet());
                    }
                } catch (PSQLException e) {
                    String detail = e.getServerErrorMessage() == null ? "" : e.getServerErrorMessage().getDetail();
                    System.out.println("ERROR " + (detail == null ? "" : detail.replace("Snowflake error ", "")));
                }
            }
            try (PreparedStatement ps = conn.prepareStatement("SELECT IS_ROLE_IN_SESSION(?)")) {
                boolean last = false;
                for (int i = 0; i < 7; i++) {
                    ps.setString(1, "ANALYST");
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        last = rs.getBoolean(1);
                    }
                }
                System.out.println("PREPARED " + last);
            }
        }
    }

    static void print(ResultSet rs) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        List<String> cols = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
            cols.add(md.getColumnLabel(i));
        }
        System.out.println(String.join("|", cols));
        while (rs.next()) {
            List<String> vals = new ArrayList<>();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                String v = rs.getString(i);
                vals.add(v == null ? "" : v);
            }
            System.out.println(String.join("|", vals));
        }
    }
}
