package org.campops.discord;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.channel.concrete.Category;
import net.dv8tion.jda.api.entities.channel.concrete.ForumChannel;
import net.dv8tion.jda.api.entities.channel.forums.BaseForumTag;
import net.dv8tion.jda.api.entities.channel.forums.ForumTag;
import net.dv8tion.jda.api.entities.channel.forums.ForumTagData;
import net.dv8tion.jda.api.entities.channel.middleman.GuildChannel;
import net.dv8tion.jda.api.events.GenericEvent;
import net.dv8tion.jda.api.events.guild.GuildJoinEvent;
import net.dv8tion.jda.api.events.guild.GuildReadyEvent;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.exceptions.PermissionException;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.requests.restaction.ChannelAction;
import net.dv8tion.jda.api.utils.Compression;
import net.dv8tion.jda.api.utils.cache.CacheFlag;
import net.dv8tion.jda.internal.utils.IOUtil;
import org.campops.setup.SetupPort;

/**
 * {@code campops setup}'s side of Discord: a short JDA session (no privileged intents) that lists the bot's servers,
 * reads one server's roles, channels and forum tags from the cache, and creates roles, channels and tags.
 */
public final class JdaSetup implements SetupPort {
    private final JDA jda;
    private final Object joined = new Object();

    private JdaSetup(JDA jda) {
        this.jda = jda;
    }

    /** Logs in and waits until Discord has sent every server the bot is in. */
    public static SetupPort connect(String token, String apiUrl, String gatewayUrl) throws InterruptedException {
        JDA jda = JDABuilder.createLight(token, EnumSet.noneOf(GatewayIntent.class))
                .enableCache(CacheFlag.FORUM_TAGS)
                .setRestConfig(new RestConfig().setBaseUrl(apiUrl))
                .setHttpClientBuilder(IOUtil.newHttpClientBuilder().addInterceptor(new UnrepeatedCreates()))
                .setSessionController(new DiscordBot.FixedGatewaySessionController(gatewayUrl))
                .setCompression(Compression.NONE)
                .setEnableShutdownHook(false)
                .build();
        JdaSetup setup = new JdaSetup(jda);
        jda.addEventListener((net.dv8tion.jda.api.hooks.EventListener) setup::onEvent);
        try {
            jda.awaitReady();
        } catch (RuntimeException | InterruptedException e) {
            jda.shutdownNow();
            throw e;
        }
        return setup;
    }

    private void onEvent(GenericEvent event) {
        if (event instanceof GuildJoinEvent || event instanceof GuildReadyEvent) {
            synchronized (joined) {
                joined.notifyAll();
            }
        }
    }

    @Override
    public String applicationId() {
        return jda.getSelfUser().getApplicationId();
    }

    @Override
    public String selfId() {
        return jda.getSelfUser().getId();
    }

    @Override
    public List<ServerRef> servers() {
        return jda.getGuilds().stream()
                .map(g -> new ServerRef(g.getId(), g.getName()))
                .toList();
    }

    @Override
    public List<ServerRef> awaitServers(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (joined) {
            while (jda.getGuilds().isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                joined.wait(Math.max(1, left / 1_000_000));
            }
        }
        return servers();
    }

    @Override
    public Server server(String id) {
        Guild g = guild(id);
        List<Role> roles = g.getRoles().stream()
                .filter(r -> !r.isPublicRole() && !r.isManaged())
                .map(r -> new Role(r.getId(), r.getName()))
                .toList();
        List<Channel> channels = new ArrayList<>();
        for (GuildChannel c : g.getChannels()) {
            List<String> tags = c instanceof ForumChannel f
                    ? f.getAvailableTags().stream().map(ForumTag::getName).toList()
                    : List.of();
            boolean everyone = g.getPublicRole().hasPermission(c, Permission.VIEW_CHANNEL);
            channels.add(new Channel(c.getId(), c.getName(), type(c), tags, everyone));
        }
        return new Server(g.getId(), g.getName(), roles, List.copyOf(channels));
    }

    private static ChannelType type(GuildChannel c) {
        return switch (c.getType()) {
            case TEXT -> ChannelType.TEXT;
            case NEWS -> ChannelType.NEWS;
            case FORUM -> ChannelType.FORUM;
            case CATEGORY -> ChannelType.CATEGORY;
            default -> ChannelType.OTHER;
        };
    }

    @Override
    public String createRole(String serverId, String name) {
        return refusals(
                "create the role " + name,
                () -> guild(serverId)
                        .createRole()
                        .setName(name)
                        .setPermissions(0L)
                        .setMentionable(false)
                        .complete()
                        .getId());
    }

    @Override
    public String createChannel(String serverId, NewChannel spec) {
        return refusals("create the channel " + spec.name(), () -> {
            Guild g = guild(serverId);
            Category parent = spec.parentId() == null ? null : g.getCategoryById(spec.parentId());
            ChannelAction<? extends GuildChannel> action = switch (spec.type()) {
                case FORUM ->
                    g.createForumChannel(spec.name(), parent)
                            .setAvailableTags(
                                    spec.tags().stream().map(ForumTagData::new).toList());
                case CATEGORY -> g.createCategory(spec.name());
                default -> g.createTextChannel(spec.name(), parent);
            };
            for (Overwrite o : spec.overwrites()) {
                long id = Long.parseUnsignedLong(o.id());
                action = o.role()
                        ? action.addRolePermissionOverride(id, o.allow(), o.deny())
                        : action.addMemberPermissionOverride(id, o.allow(), o.deny());
            }
            return action.complete().getId();
        });
    }

    @Override
    public void addTags(String serverId, String forumId, List<String> names) {
        refusals("add tags to the Q&A forum", () -> {
            ForumChannel forum = Objects.requireNonNull(
                    guild(serverId).getForumChannelById(forumId), () -> "forum " + forumId + " is not there");
            List<BaseForumTag> tags = new ArrayList<>(forum.getAvailableTags());
            names.forEach(n -> tags.add(new ForumTagData(n)));
            forum.getManager().setAvailableTags(tags).complete();
            return forumId;
        });
    }

    private Guild guild(String id) {
        return Objects.requireNonNull(jda.getGuildById(id), () -> "the bot is not in server " + id);
    }

    /** Runs a change; Discord's refusal becomes {@link Refused} with what the bot lacks. */
    private static <T> T refusals(String what, Supplier<T> change) {
        try {
            return change.get();
        } catch (PermissionException e) {
            throw new Refused(
                    "could not " + what + ": the bot lacks " + e.getPermission().getName()
                            + " (give its role that permission, or invite it again with the link setup prints)",
                    e);
        } catch (ErrorResponseException e) {
            throw new Refused(
                    "could not " + what + ": Discord answered " + e.getMeaning()
                            + " (the bot needs Manage Channels and Manage Roles)",
                    e);
        }
    }

    @Override
    public void close() {
        jda.shutdownNow();
    }
}
