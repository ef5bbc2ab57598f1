package dev.switchboard.neuro.cluster;

import dev.switchboard.cluster.Grid;
import dev.switchboard.cluster.SharedMap;
import dev.switchboard.concurrent.HandOff;
import dev.switchboard.neuro.console.ConsoleMessage;
import dev.switchboard.neuro.console.GameMirror;
import dev.switchboard.neuro.game.GameView;
import dev.switchboard.websocket.JsonSupport;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The consoles' games across instances. This instance's own games go out as {@link GameNews}: each
 * update is put in the games map (the game's latest state, for consoles of instances that start later)
 * and then published on the games topic, in the order they were made, by one worker at a time (never
 * under a game's lock). Other instances' news comes in through one ordered inbox, which also seeds the
 * games from the map at start and drops the games of a lost member (the coordinator also removes them
 * from the map); what changes there is shown to this instance's consoles.
 */
public final class SharedGames implements GameMirror {
    private static final Logger LOG = Logger.getLogger(SharedGames.class.getName());
    static final String TOPIC = "neuro.games";
    static final String MAP = "neuro.games";

    private final Grid grid;
    private final SharedMap map;
    private final Executor executor;
    private final Consumer<ConsoleMessage> consoles;
    private final OtherGames others = new OtherGames();
    /** Own games' message counts, by key; changed under each game's own lock. */
    private final Map<String, Long> versions = new ConcurrentHashMap<>();
    private final HandOff<GameNews> out;
    private final HandOff<Runnable> inbox = new HandOff<>(Runnable::run);
    /** Members seen leaving: news of theirs still under way is void. */
    private final Set<String> gone = ConcurrentHashMap.newKeySet();

    /** {@code consoles}: shows a message about another instance's game to this instance's consoles. */
    public SharedGames(Grid grid, Executor executor, Consumer<ConsoleMessage> consoles) {
        this.grid = grid;
        this.map = grid.map(MAP);
        this.executor = executor;
        this.consoles = consoles;
        this.out = new HandOff<>(this::share);
    }

    /** Subscribes, then seeds from the map in the inbox's order (news older than the map's is then ignored). */
    public void start() {
        grid.subscribe(TOPIC, json -> receive(() -> heard(json)));
        grid.onMemberLeft(member -> receive(() -> lost(member)));
        receive(this::seed);
    }

    @Override
    public boolean active() {
        return true;
    }

    @Override
    public void updated(ConsoleMessage.GameUpdate update) {
        String key = GameNews.key(update.view().connectionId(), update.view().game());
        send(new GameNews(grid.memberId(), versions.merge(key, 1L, Long::sum), update));
    }

    @Override
    public void closed(ConsoleMessage.GameClosed closed) {
        Long last = versions.remove(GameNews.key(closed.connectionId(), closed.game()));
        send(new GameNews(grid.memberId(), last == null ? 1 : last + 1, closed));
    }

    @Override
    public List<GameView> otherGames() {
        return others.views();
    }

    /** The member another instance's game connection is on. */
    public Optional<String> memberOf(String connectionId) {
        return others.memberOf(connectionId);
    }

    private void send(GameNews news) {
        out.add(news);
        out.drainLater(executor);
    }

    /** The map first, so that whoever reads it after seeing the news never finds it older. */
    private void share(GameNews news) {
        String json = JsonSupport.JSONB.toJson(news);
        if (news.message() instanceof ConsoleMessage.GameClosed) {
            map.remove(news.key());
        } else {
            map.put(news.key(), json);
        }
        grid.publish(TOPIC, json);
    }

    private void receive(Runnable task) {
        inbox.add(task);
        inbox.drainLater(executor);
    }

    private void heard(String json) {
        GameNews news = read(json);
        if (news == null || news.member().equals(grid.memberId()) || gone.contains(news.member())) {
            return;
        }
        if (news.message() instanceof ConsoleMessage.GameUpdate update) {
            if (others.update(news.member(), news.version(), update.view())) {
                consoles.accept(update);
            }
        } else if (others.close(news.key())) {
            consoles.accept(news.message());
        }
    }

    private void seed() {
        List<String> members = grid.memberIds();
        for (String json : map.entries().values()) {
            GameNews news = read(json);
            if (news != null && !news.member().equals(grid.memberId()) && members.contains(news.member())
                    && news.view() != null && others.update(news.member(), news.version(), news.view())) {
                consoles.accept(news.message());
            }
        }
    }

    private void lost(String member) {
        gone.add(member);
        others.dropMember(member).forEach(consoles);
        if (grid.coordinator()) {
            List<String> members = grid.memberIds();
            map.entries().forEach((key, json) -> {
                GameNews news = read(json);
                if (news == null || !members.contains(news.member())) {
                    map.remove(key);
                }
            });
        }
    }

    private static GameNews read(String json) {
        try {
            return JsonSupport.JSONB.fromJson(json, GameNews.class);
        } catch (RuntimeException unreadable) {
            LOG.log(Level.WARNING, "Ignored unreadable Neuro game news from the grid", unreadable);
            return null;
        }
    }
}
